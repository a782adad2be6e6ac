package org.eventdispatcher.server;

import org.springframework.test.context.TestPropertySource;

/** {@link BadInputTest} again, with the handlers of each connection on a thread of its own. */
@TestPropertySource(properties = "eventdispatcher.server.threading=thread-per-connection")
class BadInputThreadPerConnectionTest extends BadInputTest {}
