package io.github.stylize.maven.mojo;

import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;

/**
 * The proxies of Maven's {@code settings.xml} for the weights download, as Maven itself applies them to a repository
 * at the same URL: the repository session matches protocol and {@code <nonProxyHosts>} and has already decrypted the
 * passwords. A URL no Maven proxy applies to goes through the JVM's default selector ({@code -Dhttps.proxyHost}).
 */
final class MavenProxies extends ProxySelector {
    private final RepositorySystemSession session;
    private final ProxySelector fallback;

    MavenProxies(RepositorySystemSession session, ProxySelector fallback) {
        this.session = session;
        this.fallback = fallback;
    }

    @Override
    public List<Proxy> select(URI uri) {
        org.eclipse.aether.repository.Proxy proxy = mavenProxy(uri);
        if (proxy != null) {
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort())));
        }
        return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to learn: the download reports the failure with the proxy it used
    }

    /** Answers a proxy's request for credentials with the {@code <username>/<password>} of that Maven proxy. */
    Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? credentials(getRequestingURL(), getRequestingHost(), getRequestingPort()) : null;
            }
        };
    }

    /** The credentials of the Maven proxy for {@code url}, if it is the proxy at {@code host:port} and has any. */
    PasswordAuthentication credentials(URL url, String host, int port) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            return null;
        }
        org.eclipse.aether.repository.Proxy proxy = mavenProxy(uri);
        if (proxy == null || proxy.getAuthentication() == null || proxy.getPort() != port
                || !proxy.getHost().equalsIgnoreCase(host)) {
            return null;
        }
        RemoteRepository repository = new RemoteRepository.Builder(repository(uri)).setProxy(proxy).build();
        try (AuthenticationContext context = AuthenticationContext.forProxy(session, repository)) {
            if (context == null) {
                return null;
            }
            String user = context.get(AuthenticationContext.USERNAME);
            String password = context.get(AuthenticationContext.PASSWORD);
            return user == null ? null : new PasswordAuthentication(user, password == null ? new char[0]
                    : password.toCharArray());
        }
    }

    private org.eclipse.aether.repository.Proxy mavenProxy(URI uri) {
        if (session == null || session.getProxySelector() == null || uri.getHost() == null) {
            return null;
        }
        return session.getProxySelector().getProxy(repository(uri));
    }

    private static RemoteRepository repository(URI uri) {
        return new RemoteRepository.Builder("stylize-weights", "default", uri.toString()).build();
    }
}
