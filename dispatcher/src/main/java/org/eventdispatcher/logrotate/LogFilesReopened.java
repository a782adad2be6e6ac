package org.eventdispatcher.logrotate;

import java.util.List;

/**
 * Published after a {@code LOG_ROTATE} reopened the log files.
 *
 * @param files the paths reopened
 * @param from  who asked ({@code host:port})
 */
public record LogFilesReopened(List<String> files, String from) {}
