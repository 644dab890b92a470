package io.github.stylize.maven.report;

import io.github.stylize.engine.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes the report page: next to the metadata for {@code generate}, into the site for {@code report}. */
public final class ReportPages {
    public static final String PAGE = "index.html";
    /** Where the site page keeps its copies of the images, next to it. */
    static final String SITE_FILES = "files";
    /** The pages of assets of a report too long for one page: {@code assets-<n>.html}. */
    private static final Pattern ASSET_PAGE = Pattern.compile("assets-[0-9]+\\.html");

    private ReportPages() {
    }

    /**
     * Renders every execution's record in {@code metadataDirectory} into {@code metadataDirectory/index.html}, linking
     * to the images where the build left them.
     *
     * @return the page
     */
    public static Path writeBuildPage(Path metadataDirectory, String title) throws IOException {
        List<ExecutionRecord> records = ExecutionRecord.readAll(metadataDirectory);
        write(metadataDirectory, new HtmlReport(title, records, Links.relativeTo(metadataDirectory), null)::pages);
        return metadataDirectory.resolve(PAGE);
    }

    /**
     * Publishes the records of {@code metadataDirectory} as {@code siteDirectory/index.html}, with copies of every
     * image under {@code siteDirectory/files/}, so the site can be deployed without the build's files. Without
     * records, the page says how to produce them.
     *
     * @return whether there was anything to publish
     */
    public static boolean writeSitePage(Path metadataDirectory, Path siteDirectory, String title) throws IOException {
        List<ExecutionRecord> records = ExecutionRecord.readAll(metadataDirectory);
        if (records.isEmpty()) {
            String html = HtmlReport.message(title, "No stylized assets yet", "stylize:report publishes what "
                    + "stylize:generate recorded in " + metadataDirectory + ", and there is nothing there yet. Run mvn "
                    + "generate-resources (or mvn package) before mvn site.");
            write(siteDirectory, sink -> sink.accept(new HtmlReport.Page(PAGE, html)));
        } else {
            write(siteDirectory, new HtmlReport(title, records, Links.copyingInto(siteDirectory, SITE_FILES),
                    "Published by stylize:report from " + metadataDirectory + ".")::pages);
        }
        return !records.isEmpty();
    }

    /**
     * Writes each page into {@code directory} as it is rendered, removing pages of assets an earlier, longer report
     * left there. Rendering copies files through {@link Links}; their I/O errors surface here as checked exceptions.
     */
    private static void write(Path directory, Consumer<Consumer<HtmlReport.Page>> render) throws IOException {
        Set<String> names = new HashSet<>();
        try {
            render.accept(page -> {
                try {
                    AtomicFiles.write(directory.resolve(page.name()), page.html().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                names.add(page.name());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (ASSET_PAGE.matcher(name).matches() && !names.contains(name)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
