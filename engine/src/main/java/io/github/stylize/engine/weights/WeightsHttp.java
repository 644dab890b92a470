package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP side of {@link WeightsDownloader}: connections use {@link HttpURLConnection} through the proxy that
 * {@link WeightsOptions#proxies()} picks for the URL (by default {@code ProxySelector.getDefault()}, the JVM's
 * {@code http(s).proxyHost} settings), answer a proxy's 407 with {@link WeightsOptions#proxyAuthenticator()}, and
 * enforce a timeout on every read; the body is copied with progress lines, and HTTP errors are explained with a fix.
 */
final class WeightsHttp {
    private static final int PROGRESS_STEP_PERCENT = 10;
    private static final long PROGRESS_STEP_BYTES_WITHOUT_LENGTH = 8L << 20;

    private final WeightsOptions options;

    WeightsHttp(WeightsOptions options) {
        this.options = options;
    }

    HttpURLConnection open(URI url) throws IOException {
        URLConnection connection = url.toURL().openConnection(proxyFor(url));
        if (!(connection instanceof HttpURLConnection http)) {
            throw new IllegalArgumentException("not an HTTP URL: " + url);
        }
        if (options.proxyAuthenticator() != null) {
            http.setAuthenticator(options.proxyAuthenticator());
        }
        http.setConnectTimeout(timeoutMillis(options.connectTimeout()));
        http.setReadTimeout(timeoutMillis(options.readTimeout()));
        http.setInstanceFollowRedirects(true); // same-protocol only: never from https down to http
        http.setUseCaches(false);
        http.setRequestProperty("User-Agent", "stylize-maven-plugin (VGG19 weights download)");
        http.setRequestProperty("Accept-Encoding", "identity"); // the digests are of the file, not of a compressed body
        return http;
    }

    /** The first proxy the configured selector offers for {@code url}, or a direct connection. */
    private Proxy proxyFor(URI url) {
        ProxySelector selector = options.proxies() != null ? options.proxies() : ProxySelector.getDefault();
        List<Proxy> proxies = selector == null ? null : selector.select(url);
        return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    /** {@code before + "proxy host:port" + after} when {@code url} goes through a proxy, else "". */
    String through(URI url, String before, String after) {
        Proxy proxy = proxyFor(url);
        if (proxy.type() == Proxy.Type.DIRECT || !(proxy.address() instanceof InetSocketAddress address)) {
            return "";
        }
        return before + "proxy " + address.getHostString() + ":" + address.getPort() + after;
    }

    /** Copies the body to {@code out} and {@code digests}, logging progress; returns the number of bytes. */
    long copy(URI url, InputStream in, OutputStream out, Digests digests, long expectedLength)
            throws IOException {
        options.log().accept("Downloading " + url + (expectedLength >= 0 ? " (" + megabytes(expectedLength) + ")" : "")
                + through(url, " via ", ""));
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        long nextReport = expectedLength > 0 ? expectedLength * PROGRESS_STEP_PERCENT / 100
                : PROGRESS_STEP_BYTES_WITHOUT_LENGTH;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
            digests.update(buffer, 0, read);
            received += read;
            if (expectedLength >= 0 && received > expectedLength) {
                throw new IOException("the server sent more than the " + expectedLength + " bytes it announced");
            }
            if (received >= nextReport && (expectedLength < 0 || received < expectedLength)) {
                options.log().accept(expectedLength > 0
                        ? "  " + received * 100 / expectedLength / PROGRESS_STEP_PERCENT * PROGRESS_STEP_PERCENT + "% (" + megabytes(received) + " of "
                        + megabytes(expectedLength) + ")"
                        : "  " + megabytes(received));
                long step = expectedLength > 0 ? expectedLength * PROGRESS_STEP_PERCENT / 100
                        : PROGRESS_STEP_BYTES_WITHOUT_LENGTH;
                nextReport = (received / Math.max(1, step) + 1) * Math.max(1, step);
            }
        }
        return received;
    }

    static WeightsException httpError(URI url, int status, HttpURLConnection connection) {
        String fix = switch (status) {
            case 404, 410 -> "check the URL; the default location may have moved: download the file from the mirror"
                    + " in the documentation and set -Dstylize.weights=<path>";
            case 407 -> "the proxy asks for credentials; set <username> and <password> on the <proxy> in Maven's"
                    + " settings.xml, or download the file yourself and set -Dstylize.weights=<path>";
            case 401, 403 -> "the server refuses access; check the URL, or download the file yourself and set"
                    + " -Dstylize.weights=<path>";
            case 301, 302, 303, 307, 308 -> "it redirects to " + connection.getHeaderField("Location")
                    + ", across protocols, which is not followed; use that URL directly";
            default -> "check the URL, or download the file yourself and set -Dstylize.weights=<path>";
        };
        return new WeightsException("Cannot download VGG weights: HTTP " + status + statusText(connection) + " from "
                + url + "; " + fix);
    }

    static String statusText(HttpURLConnection connection) {
        try {
            String message = connection.getResponseMessage();
            return message == null || message.isBlank() ? "" : " " + message;
        } catch (IOException e) {
            return "";
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static int timeoutMillis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
