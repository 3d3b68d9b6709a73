package org.mailgate.app.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The command line's side of the {@link ControlSocket}: one request to the running gateway, its answer. */
public final class ControlClient {

    private ControlClient() {
    }

    /** Sends {@code request} (its lines, each ending in a newline) through {@code socket}. */
    public static ControlAnswer ask(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var output = Channels.newOutputStream(channel);
            output.write(request.getBytes(StandardCharsets.UTF_8));
            output.flush();
            channel.shutdownOutput();
            String answer = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            int newline = answer.indexOf('\n');
            if (newline < 0) {
                throw new IOException("the running gateway gave no answer");
            }
            return new ControlAnswer(answer.substring(0, newline).equals("ok"), answer.substring(newline + 1));
        } catch (IOException e) {
            throw new IOException("cannot reach the running gateway through " + socket + ": " + e.getMessage(), e);
        }
    }
}
