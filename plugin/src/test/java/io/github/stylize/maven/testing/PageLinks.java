package io.github.stylize.maven.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Link checking for the generated HTML pages: every {@code href} and {@code src} resolves. */
public final class PageLinks {
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

    private PageLinks() {
    }

    /**
     * Asserts that each link of the page is relative and resolves, to an existing file, to an element id of the page,
     * or to an element id of another page ({@code assets-2.html#asset-7-x}).
     *
     * @return the files linked, in page order
     * @throws AssertionError naming the first broken link
     */
    public static List<Path> check(Path page) throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        List<String> ids = ids(html);
        List<Path> files = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String link = m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            if (link.startsWith("#")) {
                if (!ids.contains(link.substring(1))) {
                    throw new AssertionError(page + ": link to a missing anchor " + link);
                }
                continue;
            }
            if (link.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || link.startsWith("/")) {
                throw new AssertionError(page + ": links must be relative, found " + link);
            }
            String fragment = null;
            if (link.contains("#")) { // a '#' in a file name is escaped, so this starts a fragment
                fragment = link.substring(link.indexOf('#') + 1);
                link = link.substring(0, link.indexOf('#'));
            }
            // Only percent-escapes are decoded: a '+' in a path is a plus.
            Path file = page.getParent().resolve(URLDecoder.decode(link.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .normalize();
            if (!Files.isRegularFile(file)) {
                throw new AssertionError(page + ": broken link " + link + " -> " + file);
            }
            if (fragment != null && !ids(Files.readString(file, StandardCharsets.UTF_8)).contains(fragment)) {
                throw new AssertionError(page + ": link to a missing anchor " + link + "#" + fragment);
            }
            files.add(file);
        }
        return files;
    }

    private static List<String> ids(String html) {
        List<String> ids = new ArrayList<>();
        Matcher idMatcher = ID.matcher(html);
        while (idMatcher.find()) {
            ids.add(idMatcher.group(1));
        }
        return ids;
    }
}
