package io.github.stylize.maven.plan;

/**
 * One of {@code total} builds that split a plan's work between them ({@code -Dstylize.shard=index/total}).
 *
 * @param index 1-based
 * @param total how many shards there are
 */
public record Shard(int index, int total) {
    public Shard {
        if (total < 1 || index < 1 || index > total) {
            throw new IllegalArgumentException(index + "/" + total + " is not a shard: the index runs from 1 to the"
                    + " total, e.g. 2/3 for the second of three");
        }
    }

    /**
     * {@code spec} in the form {@code i/n}.
     *
     * @param source how messages name where it came from, e.g. {@code stylize.shard}
     * @throws IllegalArgumentException naming {@code source} and the expected form
     */
    public static Shard parse(String spec, String source) {
        String[] parts = spec.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(source + ": '" + spec + "' is not a shard; write index/total with a"
                + " 1-based index, e.g. -Dstylize.shard=2/3 for the second of three builds");
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
