package org.mailgate.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on loopback that offers the EHLO keywords it is given, accepts everything and records
 * each command line as received (UTF-8), so tests can see the parameters of MAIL and RCPT, which the
 * testkit sink does not keep. A command is recorded before it is answered.
 */
final class CommandRecordingPeer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> keywords;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    CommandRecordingPeer(String... keywords) throws IOException {
        this.keywords = List.of(keywords);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("command-recording-peer").start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The command lines received so far, DATA content left out. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** The MAIL commands received so far. */
    List<String> mailCommands() {
        return commands.stream().filter(c -> c.startsWith("MAIL ")).toList();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // connection ended, or the server was closed
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 peer.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    StringBuilder ehlo = new StringBuilder("250");
                    ehlo.append(keywords.isEmpty() ? " " : "-").append("peer.test");
                    for (int i = 0; i < keywords.size(); i++) {
                        ehlo.append("\r\n250").append(i == keywords.size() - 1 ? " " : "-").append(keywords.get(i));
                    }
                    reply(out, ehlo.toString());
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    String content;
                    while ((content = in.readLine()) != null && !content.equals(".")) {
                        // content is not recorded
                    }
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "250 2.0.0 ok");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
