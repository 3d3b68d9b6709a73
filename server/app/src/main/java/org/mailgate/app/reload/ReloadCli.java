package org.mailgate.app.reload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailgate.app.control.ControlAnswer;
import org.mailgate.app.control.ControlClient;
import org.mailgate.app.control.ControlSocket;

/**
 * {@code mailgate reload}: asks the gateway running on {@code var/} to reload its pipeline, through its
 * control socket, and prints the answer: the errors (as {@code file:line: message}) when it is rejected.
 */
public final class ReloadCli {

    private final Path varDir;
    private final PrintStream out;
    private final PrintStream err;

    public ReloadCli(Path varDir, PrintStream out, PrintStream err) {
        this.varDir = varDir;
        this.out = out;
        this.err = err;
    }

    /** Returns the exit status: 0 reloaded, 1 rejected or no gateway to reach. */
    public int run() {
        Path socket = ControlSocket.socketFile(varDir);
        if (!Files.exists(socket)) {
            err.println("mailgate reload: no running gateway on " + varDir + " (no control socket " + socket + ")");
            return 1;
        }
        try {
            ControlAnswer answer = ControlClient.ask(socket, "reload\n");
            (answer.ok() ? out : err).println(answer.text());
            return answer.ok() ? 0 : 1;
        } catch (IOException e) {
            err.println("mailgate reload: " + e.getMessage());
            return 1;
        }
    }
}
