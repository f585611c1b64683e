package dev.outreachpolicy.engine.rules;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent class loader of every compiled ruleset: it asks the application's class loader once per name and
 * remembers the answer, found or not. Drools' compilers (MVEL and the Java compiler) probe hundreds of names
 * that do not exist (every identifier is first tried as a class, a package or an inner class); under the
 * packaged service each miss reopened a jar file, which made a reload spend seconds on lookups. The classes
 * and resources of the application do not change while it runs, so remembering them is safe; classes are
 * still defined by the application's loader, so a fact class is the same class for the rules and the service.
 */
final class RememberingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;
    private final Map<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();
    private final Map<String, Optional<URL>> resources = new ConcurrentHashMap<>();

    RememberingClassLoader(ClassLoader application) {
        super(null);
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Optional<Class<?>> found = classes.get(name);
        if (found == null) {
            try {
                found = Optional.of(Class.forName(name, false, application));
            } catch (ClassNotFoundException e) {
                found = Optional.empty();
            }
            classes.putIfAbsent(name, found);
        }
        return found.orElseThrow(() -> new ClassNotFoundException(name));
    }

    @Override
    public URL getResource(String name) {
        return resources.computeIfAbsent(name, n -> Optional.ofNullable(application.getResource(n))).orElse(null);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return application.getResources(name);
    }

    @Override
    public java.io.InputStream getResourceAsStream(String name) {
        URL url = getResource(name);
        if (url == null) {
            return null;
        }
        try {
            return url.openStream();
        } catch (IOException e) {
            return application.getResourceAsStream(name);
        }
    }
}
