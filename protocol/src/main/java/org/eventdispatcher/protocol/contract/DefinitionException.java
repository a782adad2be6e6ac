package org.eventdispatcher.protocol.contract;

/** A message definition file that cannot be read as one: names the file and, where there is one, the line. */
public class DefinitionException extends RuntimeException {

    private final String file;
    private final int line;

    /** @param line 1-based, or 0 when the problem is the file as a whole */
    public DefinitionException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
