package org.eventdispatcher.server;

import org.springframework.test.context.TestPropertySource;

/** {@link LimitsTest} again, with a reader thread per connection instead of the event loops. */
@TestPropertySource(properties = "eventdispatcher.server.threading=thread-per-connection")
class LimitsThreadPerConnectionTest extends LimitsTest {
}
