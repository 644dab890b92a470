package io.github.stylize.maven.report;

import io.github.stylize.engine.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes the report page: next to the metadata for {@code generate}, into the site for {@code report}. */
public final class ReportPages {
    public static final String PAGE = "index.html";
    /** Where the site page keeps its copies of the images, next to it. */
    static final String SITE_FILES = "files";

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
        Path page = metadataDirectory.resolve(PAGE);
        String html = render(() -> new HtmlReport(title, records, Links.relativeTo(metadataDirectory), null).render());
        AtomicFiles.write(page, html.getBytes(StandardCharsets.UTF_8));
        return page;
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
        String html;
        if (records.isEmpty()) {
            html = HtmlReport.message(title, "No stylized assets yet", "stylize:report publishes what stylize:generate "
                    + "recorded in " + metadataDirectory + ", and there is nothing there yet. Run mvn generate-resources "
                    + "(or mvn package) before mvn site.");
        } else {
            html = render(() -> new HtmlReport(title, records, Links.copyingInto(siteDirectory, SITE_FILES),
                    "Published by stylize:report from " + metadataDirectory + ".").render());
        }
        AtomicFiles.write(siteDirectory.resolve(PAGE), html.getBytes(StandardCharsets.UTF_8));
        return !records.isEmpty();
    }

    private interface Render {
        String html();
    }

    /** Rendering copies files through {@link Links}; their I/O errors surface here as checked exceptions again. */
    private static String render(Render render) throws IOException {
        try {
            return render.html();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
