package org.eventdispatcher.server;

import org.springframework.test.context.TestPropertySource;

/** {@link StormTest} again, with the handlers of each connection on a thread of its own. */
@TestPropertySource(properties = "eventdispatcher.server.threading=thread-per-connection")
class StormThreadPerConnectionTest extends StormTest {}
