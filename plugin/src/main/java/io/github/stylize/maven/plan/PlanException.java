package io.github.stylize.maven.plan;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has problems; all of them are listed, so one build shows everything to fix. */
public final class PlanException extends Exception {
    private final List<PlanProblem> problems;

    public PlanException(List<PlanProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }

    private static String format(List<PlanProblem> problems) {
        return "stylize configuration has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " (no image was generated):\n"
                + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
    }
}
