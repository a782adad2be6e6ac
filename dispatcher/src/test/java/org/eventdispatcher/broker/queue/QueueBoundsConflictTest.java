package org.eventdispatcher.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The broker's refusal to redeclare a queue, as the operator reads it: what differs, and the ways out. */
class QueueBoundsConflictTest {

    private static IOException refused(int code, String text) {
        AMQP.Channel.Close close =
                new AMQP.Channel.Close.Builder().replyCode(code).replyText(text).build();
        return new IOException(new ShutdownSignalException(false, false, close, null));
    }

    @Test
    void aTtlChangedSinceTheQueueWasDeclaredIsExplainedInTheNewerBrokersWordingToo() {
        assertThat(QueueBoundsConflict.explain(refused(
                        406,
                        "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for"
                                + " queue 'ed.a.b' in vhost 'prod': received the value '30000' of type 'signedint' but current is the"
                                + " value '60000' of type 'long'")))
                .hasValue("the queue ed.a.b exists on the broker with x-message-ttl 60000, and this daemon declares it"
                        + " with 30000 (eventdispatcher.broker.queue.message-ttl); the broker keeps the values a queue"
                        + " was first declared with. To fix it, set eventdispatcher.broker.queue.message-ttl back to"
                        + " 60000ms, or delete the queue (rabbitmqctl delete_queue ed.a.b -p prod; the messages waiting"
                        + " in it are lost) and restart the daemon, which declares it anew");
    }

    @Test
    void anArgumentNoSettingControlsSaysOnlyToDeleteTheQueue() {
        assertThat(QueueBoundsConflict.explain(refused(
                        406,
                        "PRECONDITION_FAILED - inequivalent arg 'durable' for queue"
                                + " 'ed.a.b' in vhost '/': received 'true' but current is 'false'")))
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("durable false")
                        .doesNotContain("set ")
                        .contains("rabbitmqctl delete_queue ed.a.b;"));
    }

    @Test
    void anyOtherFailureIsNotExplainedHere() {
        assertThat(QueueBoundsConflict.explain(
                        refused(403, "ACCESS_REFUSED - queue 'ed.a.b' in vhost '/' in exclusive use")))
                .isEmpty();
        assertThat(QueueBoundsConflict.explain(new IOException("connection refused")))
                .isEmpty();
    }
}
