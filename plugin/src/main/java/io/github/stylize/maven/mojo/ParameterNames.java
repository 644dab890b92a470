package io.github.stylize.maven.mojo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Finds misspelled parameter names. Maven ignores an unknown element of a plugin's configuration (and warns only after
 * the goal ran), so {@code <default>} for {@code <defaults>} would build every image with other settings than meant.
 */
final class ParameterNames {
    private ParameterNames() {
    }

    /**
     * One problem for each name in {@code written} that is not {@code known}, with the closest known name.
     *
     * @param where how the problem names the place, e.g. "the plugin's <configuration>"
     */
    static List<String> unknown(Collection<String> written, Collection<String> known, String where) {
        List<String> problems = new ArrayList<>();
        for (String name : written) {
            if (!known.contains(name)) {
                String closest = closest(name, known);
                problems.add("<" + name + "> in " + where + " is not a stylize parameter; "
                        + (closest == null ? "remove it" : "did you mean <" + closest + ">?")
                        + " (Maven would ignore it and build with other settings than you meant)");
            }
        }
        return problems;
    }

    /** The known name nearest to {@code name}, if it is near enough to be a typo; else null. */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        // A third of the name may be wrong: "stylWeight" -> styleWeight, "default" -> defaults, not "seed" -> "size".
        return best != null && bestDistance <= Math.max(1, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
