import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every local link of a built site resolves: each href and src in each HTML file under the given folder
 * that is not an external URL must name an existing file, and a fragment ({@code page.html#Section} or
 * {@code #Section}) an element of that page with that id or name. Run with the JDK's source launcher, no build
 * needed: {@code java site/CheckLinks.java target/staging}. Exits 1 listing every broken link.
 */
public class CheckLinks {
    private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

    private static final Pattern LINK = Pattern.compile("(?:href|src)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("(?:id|name)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/staging").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            System.err.println("No site at " + root + ": build it first with ./mvnw -B site site:stage");
            System.exit(2);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        List<Path> pages;
        try (Stream<Path> files = Files.walk(root)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (link.isEmpty() || link.equals("#") || link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // nothing, the page itself, or an absolute URL (http:, https:, mailto:, javascript:)
                }
                String path = link.replaceAll("[?#].*$", "");
                Path target = path.isEmpty() ? page
                        : page.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
                checked++;
                if (!Files.exists(target)) {
                    broken.add(root.relativize(page) + ": " + link);
                    continue;
                }
                int hash = link.indexOf('#');
                if (hash >= 0 && target.toString().endsWith(".html")
                        && !anchors(target).contains(URLDecoder.decode(link.substring(hash + 1), StandardCharsets.UTF_8))) {
                    broken.add(root.relativize(page) + ": " + link + " (no element with that id in "
                            + root.relativize(target) + ")");
                }
            }
        }
        System.out.println("Checked " + checked + " local links (and their fragments) in " + pages.size()
                + " pages under " + root);
        if (!broken.isEmpty()) {
            System.out.println(broken.size() + " broken:");
            broken.forEach(b -> System.out.println("  " + b));
            System.exit(1);
        }
    }

    /** The ids and names of {@code page}'s elements: where a fragment can point. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> known = ANCHORS.get(page);
        if (known == null) {
            known = new HashSet<>();
            Matcher m = ANCHOR.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                known.add(m.group(1));
            }
            ANCHORS.put(page, known);
        }
        return known;
    }
}
