package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

class ReaderExecutorTest {

    @Test
    void noThreadLeftRefusesThatConnectionAndClosesIt() {
        ReaderExecutor executor = new ReaderExecutor(task -> {
            throw new OutOfMemoryError("unable to create native thread");
        });
        TcpNetConnection connection = mock(TcpNetConnection.class);
        assertThatThrownBy(() -> executor.execute(connection)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("unable to create native thread");
        verify(connection).close();
    }
}
