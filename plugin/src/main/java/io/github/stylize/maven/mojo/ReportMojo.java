package io.github.stylize.maven.mojo;

import io.github.stylize.maven.report.ReportPages;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Puts the stylize report into {@code mvn site}: the page {@code stylize:generate} writes to
 * {@code target/stylize/index.html} (per asset: inputs, result, loss curves, snapshots, settings, cache hit or miss,
 * time, backend; comparison sheets for assets sharing content and style), published as {@code stylize/index.html}
 * with copies of its images. It never runs the engine: run {@code mvn package site} (or {@code generate-resources}
 * before {@code site}); without a generate run, the page says so.
 */
@Mojo(name = "report", threadSafe = true, requiresProject = true)
public class ReportMojo extends AbstractMavenReport {
    /** Folder of the page in the site; the page is {@code <folder>/index.html}. */
    static final String SITE_FOLDER = "stylize";

    /** Where {@code stylize:generate} wrote its metadata and report records; must match its own setting. */
    @Parameter(property = "stylize.metadataDirectory", defaultValue = "${project.build.directory}/stylize", required = true)
    private File metadataDirectory;

    /** Skip the report. */
    @Parameter(property = "stylize.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public String getOutputName() {
        return SITE_FOLDER + "/index";
    }

    @Override
    public String getName(Locale locale) {
        return "Stylized assets";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The images stylize generated: inputs and results, loss curves, snapshots, effective settings, "
                + "and comparison sheets of assets that differ only in their settings.";
    }

    /** The page is a complete HTML document with inline SVG charts, written as is rather than through Doxia. */
    @Override
    public boolean isExternalReport() {
        return true;
    }

    @Override
    public boolean canGenerateReport() {
        return !skip;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        Path records = metadataDirectory.toPath().toAbsolutePath().normalize();
        Path page = getReportOutputDirectory().toPath().resolve(SITE_FOLDER);
        try {
            if (ReportPages.writeSitePage(records, page, GenerateMojo.projectTitle(getProject()))) {
                getLog().info("stylize: report " + page.resolve(ReportPages.PAGE));
            } else {
                getLog().warn("stylize: nothing to report: no stylize:generate records in " + records
                        + ". Run mvn generate-resources (or mvn package) before mvn site; the page says the same.");
            }
        } catch (IOException e) {
            throw new MavenReportException("stylize could not write the report to " + page + ": " + e.getMessage(), e);
        }
    }
}
