package org.mailgate.app.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.app.trace.LivePipelineConfig;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineFactory;
import org.mailgate.container.engine.PipelineHolder;
import org.mailgate.spool.domain.ConfiguredDomainList;
import org.mailgate.spool.domain.DomainListConfig;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mailgate reload} and SIGHUP: reads every configuration file again with the checks of the start,
 * builds the new pipeline completely (mailets and matchers created and initialised) and only then puts it
 * in place of the running one. With any error nothing changes: the errors are logged and returned, and
 * the running pipeline stays. Mail being processed finishes on the pipeline it started on, which is
 * destroyed after it ({@link PipelineHolder}); SMTP is not touched.
 *
 * <p>What changes: the processors of {@code mailetcontainer.xml}, the local domains of {@code domainlist.xml}
 * and the mappings of {@code recipientrewritetable.xml} (both looked up per use, so replaced just before
 * the pipeline, which may rely on them). The {@code <context>} and {@code <spooler>} settings and the other
 * files are read at the start only (a change of the former is reported as waiting for a restart).
 */
public final class PipelineReload {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineReload.class);

    private final MailgateConfig running;
    private final PipelineFactory factory;
    private final PipelineHolder holder;
    private final ConfiguredDomainList domains;
    private final ConfiguredRecipientRewriteTable rewriteTable;
    private final LivePipelineConfig live;
    private final ReentrantLock lock = new ReentrantLock();

    public PipelineReload(MailgateConfig running, PipelineFactory factory, PipelineHolder holder,
                          ConfiguredDomainList domains, ConfiguredRecipientRewriteTable rewriteTable,
                          LivePipelineConfig live) {
        this.running = running;
        this.factory = factory;
        this.holder = holder;
        this.domains = domains;
        this.rewriteTable = rewriteTable;
        this.live = live;
    }

    /** Reloads if the configuration is valid; one reload at a time. */
    public ReloadOutcome reload() {
        lock.lock();
        try {
            ReloadOutcome outcome = tryReload();
            outcome.warnings().forEach(w -> LOG.warn("reload: {}", w));
            if (outcome.applied()) {
                LOG.info("{}", outcome.summary());
            } else {
                outcome.errors().forEach(e -> LOG.error("reload: {}", e));
                LOG.error("{}", outcome.summary());
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    private ReloadOutcome tryReload() {
        Path confDir = running.confDir();
        ConfigReport report = new ConfigReport();
        MailgateConfig next = MailgateConfig.read(confDir, report);
        Pipeline built;
        try {
            // built even when a file has errors, to report the mailets' own errors too (as the start does)
            built = factory.build(next.container(), report);
        } catch (RuntimeException e) {
            if (!report.hasErrors()) {
                LOG.error("reload: building the pipeline failed: {}", e.getMessage(), e);
                report.error(confDir.resolve(ContainerConfig.FILE).toString(), 0, "building the pipeline failed: " + e);
            }
            return rejected(report, confDir);
        }
        if (report.hasErrors()) {
            built.destroy();
            return rejected(report, confDir);
        }
        domains.replace(next.domains());
        rewriteTable.replace(next.rewriteTable());
        holder.replace(built);
        live.replace(next.container());
        List<ConfigError> warnings = new ArrayList<>(report.warnings());
        warnings.addAll(waitingForRestart(next, confDir));
        String processors = String.join(", ", built.processors().keySet().stream().sorted().toList());
        return new ReloadOutcome(true, List.of(), warnings, "pipeline reloaded from "
                + confDir.resolve(ContainerConfig.FILE) + ", with " + DomainListConfig.FILE + " and "
                + RecipientRewriteTableConfig.FILE + ": processors " + processors
                + "; mail already being processed finishes on the previous one");
    }

    private static ReloadOutcome rejected(ConfigReport report, Path confDir) {
        int count = report.errors().size();
        return new ReloadOutcome(false, report.errors(), report.warnings(), "reload rejected: " + count
                + (count == 1 ? " configuration error" : " configuration errors") + " in " + confDir
                + "; the running pipeline stays");
    }

    /** Settings of the reloaded files that are read at the start only. */
    private List<ConfigError> waitingForRestart(MailgateConfig nextConfig, Path confDir) {
        ContainerConfig now = running.container();
        ContainerConfig next = nextConfig.container();
        List<ConfigError> notes = new ArrayList<>();
        boolean defaultDomainChanged = !running.domains().defaultDomain().equals(nextConfig.domains().defaultDomain());
        if (now.postmaster().isEmpty() && defaultDomainChanged) {
            notes.add(new ConfigError(confDir.resolve(DomainListConfig.FILE).toString(), 0,
                    "<defaultDomain> changed; the postmaster address made from it changes at the next restart"));
        }
        String file = confDir.resolve(ContainerConfig.FILE).toString();
        if (!now.postmaster().equals(next.postmaster())) {
            notes.add(new ConfigError(file, 0, "<context><postmaster> changed; it takes effect at the next restart"));
        }
        if (now.threads() != next.threads() || !now.errorRepository().equals(next.errorRepository())) {
            notes.add(new ConfigError(file, 0, "<spooler> changed; it takes effect at the next restart"));
        }
        return notes;
    }
}
