package io.github.stylize.benchmark;

import java.util.Set;
import java.util.function.BiConsumer;

/** The command lines of the benchmark programs: {@code --name value} options, a few value-less flags, {@code --help}. */
final class Arguments {
    private Arguments() {
    }

    /**
     * Hands each option to {@code option} as (name, value), or (name, null) for a name in {@code flags}; prints
     * {@code usage} and exits on {@code --help}. {@code option} throws IllegalArgumentException for an unknown name.
     */
    static void parse(String[] args, Set<String> flags, String usage, BiConsumer<String, String> option) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (flags.contains(name)) {
                option.accept(name, null);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + name + "\n" + usage);
            }
            option.accept(name, args[++i]);
        }
    }

    static IllegalArgumentException unknown(String name, String usage) {
        return new IllegalArgumentException("Unknown option " + name + "\n" + usage);
    }
}
