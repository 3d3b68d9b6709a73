package org.mailgate.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.app.admincli.AdminCli;
import org.mailgate.app.cli.CommandLine;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.app.reload.ReloadCli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The {@code mailgate} command: {@code run} (the default) runs the gateway in the foreground until
 * SIGTERM or SIGINT, then stops cleanly and exits 0, and reloads its pipeline on SIGHUP or
 * {@code reload} ({@link ReloadCli}); {@code check} validates the configuration and
 * exits 1 listing every error as {@code file:line: message}; {@code queue}, {@code repo}, {@code task},
 * {@code domains}, {@code users} and {@code mappings} work on the running gateway's queues, repositories,
 * tasks, local domains, SMTP AUTH accounts and rewrite mappings through its admin API, {@code trace} makes
 * a dry run through its pipeline ({@link AdminCli}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        Path home = Path.of(System.getProperty("mailgate.home", ".")).toAbsolutePath().normalize();
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, home);
        } catch (CommandLine.UsageException e) {
            System.err.println("mailgate: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        switch (commandLine.command()) {
            case "help" -> {
                System.out.println(CommandLine.USAGE);
                System.exit(0);
            }
            case "check" -> System.exit(check(commandLine, System.out, System.err));
            case "reload" -> System.exit(new ReloadCli(commandLine.varDir(), System.out, System.err).run());
            case "run" -> System.exit(run(commandLine, startNanos));
            // the rest CommandLine accepts are the commands over the admin API
            default -> System.exit(new AdminCli(commandLine.confDir(), commandLine.varDir(), System.in,
                    System.console(), System.out, System.err).run(commandLine.command(), commandLine.arguments()));
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Validates every configuration file and mailet; prints the errors; 0 when there are none. */
    static int check(CommandLine commandLine, PrintStream out, PrintStream err) {
        useLogbackConfig(commandLine.confDir());
        ConfigReport report = new ConfigReport();
        assemble(commandLine, report);
        report.warnings().forEach(w -> err.println("warning: " + w));
        List<ConfigError> errors = report.errors();
        if (errors.isEmpty()) {
            out.println("configuration in " + commandLine.confDir() + " is valid");
            return 0;
        }
        errors.forEach(e -> err.println(e));
        err.println(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in " + commandLine.confDir());
        return 1;
    }

    private static int run(CommandLine commandLine, long startNanos) {
        useLogbackConfig(commandLine.confDir());
        useTemporaryDirectory(commandLine.varDir());
        // Start-up overlaps where it can: logging starts while the configuration is read and the injector
        // built; the store opens while the mailets are created.
        Thread logging = Thread.ofPlatform().name("logging-start").start(() -> LoggerFactory.getLogger(Main.class));
        ConfigReport report = new ConfigReport();
        MailgateConfig config = MailgateConfig.read(commandLine.confDir(), report);
        Gateway gateway = report.hasErrors() ? null
                : Gateway.create(config, commandLine.varDir(), version(), java.time.Clock.systemUTC());
        try {
            logging.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        if (gateway != null) {
            gateway.openStoreEarly();
            gateway.buildPipeline(report);
        } else {
            pipelineErrorsToo(config, commandLine, report);
        }
        log.debug("configuration read and pipeline built {} ms after start", (System.nanoTime() - startNanos) / 1_000_000);
        report.warnings().forEach(w -> log.warn("{}", w));
        if (report.hasErrors()) {
            report.errors().forEach(e -> log.error("{}", e));
            log.error("not started: {} configuration error(s); run 'mailgate check' to list them",
                    report.errors().size());
            if (gateway != null) {
                gateway.stop();
            }
            return 1;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        SignalHandler beforeHup = Signal.handle(new Signal("HUP"),
                signal -> Thread.ofVirtual().name("reload").start(gateway::reload));
        if (beforeHup == SignalHandler.SIG_IGN) {
            // the JVM keeps an inherited "ignore" for SIGHUP (nohup, some service managers)
            log.warn("SIGHUP is ignored in this process (started under nohup?): reload with 'mailgate reload'");
        }
        try {
            gateway.start();
        } catch (Exception e) {
            log.error("not started: {}", e.getMessage(), e);
            gateway.stop();
            return 1;
        }
        log.info("Mailgate {} ready in {} ms: SMTP on {}; {}; state in {}", version(),
                (System.nanoTime() - startNanos) / 1_000_000, gateway.smtpAddresses(),
                gateway.adminAddress().map(a -> "admin API on " + a.getAddress().getHostAddress() + ":" + a.getPort())
                        .orElse("admin API off"), commandLine.varDir());
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopping: no new connections; finishing the work under way");
        gateway.stop();
        log.info("Mailgate stopped");
        return 0;
    }

    /**
     * Reads every file and builds the gateway, so that one run reports every problem: the readers go on
     * with defaults after an error, and the pipeline is built even when another file is wrong.
     */
    private static void assemble(CommandLine commandLine, ConfigReport report) {
        pipelineErrorsToo(MailgateConfig.read(commandLine.confDir(), report), commandLine, report);
    }

    /** Builds the pipeline of a configuration that already has errors elsewhere, to report its own too. */
    private static void pipelineErrorsToo(MailgateConfig config, CommandLine commandLine, ConfigReport report) {
        try {
            Gateway.assemble(config, commandLine.varDir(), version(), report);
        } catch (RuntimeException e) {
            if (!report.hasErrors()) {
                throw e;
            }
        }
    }

    /** Logging is configured by {@code conf/logback.xml} when it exists; set before the first logger. */
    private static void useLogbackConfig(Path confDir) {
        Path logback = confDir.resolve("logback.xml");
        if (Files.isRegularFile(logback) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", logback.toAbsolutePath().toString());
        }
    }

    /** Large messages spill to disk while mailets rewrite them: keep that in var/tmp, emptied at start. */
    private static void useTemporaryDirectory(Path varDir) {
        Path tmp = varDir.resolve("tmp").toAbsolutePath();
        try {
            Files.createDirectories(tmp);
            try (var old = Files.list(tmp)) {
                for (Path file : old.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            System.setProperty("java.io.tmpdir", tmp.toString());
        } catch (IOException e) {
            System.err.println("mailgate: cannot prepare " + tmp + ": " + e.getMessage());
        }
    }
}
