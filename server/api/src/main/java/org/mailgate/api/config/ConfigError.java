package org.mailgate.api.config;

/** One problem in a configuration file, located by file and line. */
public record ConfigError(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
