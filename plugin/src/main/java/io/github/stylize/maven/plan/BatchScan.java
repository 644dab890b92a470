package io.github.stylize.maven.plan;

import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The files of a batch directory that match its include and exclude patterns, with the semantics of Plexus'
 * {@code DirectoryScanner} (Ant-style patterns, case-sensitive, a trailing '/' meaning '/**', the default excludes of
 * version control and editors), but bounded: symbolic links are followed, yet no directory is entered twice (a link
 * back to an ancestor, or two links to one directory, is a problem, not an endless or exponential walk), and no
 * directory deeper than {@link #MAX_DEPTH} levels is read.
 *
 * <p>Every matching entry that is not a directory is returned, FIFOs and sockets included, so that the planner names
 * them as problems instead of skipping them silently.
 */
final class BatchScan {
    /**
     * Deepest directory level read below a batch directory. Content folders are a few levels deep; 32 leaves room for
     * any real layout while a chain of links stops after a bounded walk.
     */
    static final int MAX_DEPTH = 32;

    /** Matching paths relative to the directory, with '/' separators, sorted. */
    final TreeSet<String> files = new TreeSet<>();
    /** What is wrong, each naming the path and the fix. */
    final List<String> problems = new ArrayList<>();

    private final Path root;
    private final MatchPatterns includes;
    private final MatchPatterns excludes;
    /** Prefixes of the excludes that end in '/**': a directory matching one is left out as a whole. */
    private final MatchPatterns excludedDirectories;
    /** The directories entered, by file key (the target's identity, whichever link led there) -> relative name. */
    private final Map<Object, String> entered = new HashMap<>();

    private BatchScan(Path root, List<String> includes, List<String> excludes) {
        this.root = root;
        this.includes = MatchPatterns.from(includes.stream().map(BatchScan::normalize).toList());
        List<String> allExcludes = new ArrayList<>(excludes.stream().map(BatchScan::normalize).toList());
        allExcludes.addAll(Arrays.stream(AbstractScanner.DEFAULTEXCLUDES).map(BatchScan::normalize).toList());
        this.excludes = MatchPatterns.from(allExcludes);
        String whole = File.separator + "**";
        this.excludedDirectories = MatchPatterns.from(allExcludes.stream().filter(p -> p.endsWith(whole))
                .map(p -> p.substring(0, p.length() - whole.length())).filter(p -> !p.isEmpty()).toList());
    }

    /** Scans {@code root}, an existing directory. */
    static BatchScan of(Path root, List<String> includes, List<String> excludes) throws IOException {
        BatchScan scan = new BatchScan(root, includes, excludes);
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, scan.new Visitor());
        return scan;
    }

    /** As {@code DirectoryScanner} does: trimmed, with the platform's separator, a trailing separator meaning '**'. */
    private static String normalize(String pattern) {
        String p = pattern.trim();
        if (p.startsWith("%regex[") || p.startsWith("%ant[")) {
            return p;
        }
        p = p.replace('/', File.separatorChar).replace('\\', File.separatorChar);
        return p.endsWith(File.separator) ? p + "**" : p;
    }

    /** Whether the directory {@code name} could hold an included file and is not excluded as a whole. */
    private boolean read(String name) {
        return includes.matchesPatternStart(name, true) && !excludedDirectories.matches(name, true);
    }

    private String name(Path path) {
        return root.relativize(path).toString();
    }

    private static String slashed(String name) {
        return name.replace(File.separatorChar, '/');
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            String name = name(dir);
            if (!name.isEmpty() && !read(name)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            Object key = attrs.fileKey() != null ? attrs.fileKey() : dir.toRealPath();
            String first = entered.putIfAbsent(key, name);
            if (first != null) {
                problems.add("'" + slashed(name) + "' is the directory '" + (first.isEmpty() ? "." : slashed(first))
                        + "' again, reached through a symbolic link; a batch reads each directory once: remove the "
                        + "link, or leave it out with an <exclude>" + slashed(name) + "/**</exclude>");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = name(file);
            if (attrs.isDirectory()) { // only at MAX_DEPTH: the walk does not enter it
                if (read(name)) {
                    problems.add("'" + slashed(name) + "' is nested more than " + MAX_DEPTH
                            + " directories deep, which a batch does not read (a chain of symbolic links?); move its "
                            + "images up, or leave it out with an <exclude>" + slashed(name) + "/**</exclude>");
                }
            } else if (includes.matches(name, true) && !excludes.matches(name, true)) {
                files.add(slashed(name));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!read(name(file))) {
                return FileVisitResult.CONTINUE;
            }
            String name = slashed(name(file));
            if (e instanceof FileSystemLoopException) {
                problems.add("'" + name + "' is a symbolic link loop: it leads back to a directory that contains it; "
                        + "remove the link, or leave it out with an <exclude>" + name + "/**</exclude>");
            } else {
                problems.add("'" + name + "' cannot be read (" + e + "); check its permissions, or leave it out with an "
                        + "<exclude>");
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
