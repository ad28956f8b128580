package org.openjobspec.ee.internal.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import static org.openjobspec.ee.internal.Messages.CFG_0066;

/** Everything checked at deployment, in one list: handlers first, then the worker's configuration. */
final class DeploymentChecks {

    private DeploymentChecks() {
    }

    static List<String> all(List<HandlerMethod> handlers, Map<String, HandlerValidator.BeanStatus> beans,
                            List<CronSpec> crons) {
        List<String> problems = new ArrayList<>(HandlerValidator.validate(handlers, beans));
        problems.addAll(CronValidator.validate(crons));
        problems.addAll(CronValidator.bindProblems(crons, HandlerMethods.contextLoader()));
        problems.addAll(configuration(handlers, crons));
        return problems;
    }

    static List<String> configuration(List<HandlerMethod> handlers, List<CronSpec> crons) {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            return List.of(CFG_0066 + ": MicroProfile Config is not available (" + e + "); enable a MicroProfile "
                    + "Config implementation (mpConfig on Liberty; it is built into Payara and Quarkus)");
        }
        Set<String> jobTypes = handlers.stream().map(HandlerMethod::jobType).collect(Collectors.toSet());
        WorkerConfig worker = WorkerConfig.read(config, jobTypes);
        List<String> problems = new ArrayList<>(worker.problems());
        CronConfig cron = CronConfig.read(config, crons);
        problems.addAll(cron.problems());
        problems.addAll(ClientConfigCheck.unknownKeys(config));
        boolean registersCrons = cron.entries().stream().anyMatch(CronConfig.Effective::enabled);
        if ((worker.enabled() && !handlers.isEmpty()) || registersCrons) {
            problems.addAll(ClientConfigCheck.problems(config));
        }
        return problems;
    }
}
