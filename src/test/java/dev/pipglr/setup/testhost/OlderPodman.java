package dev.pipglr.setup.testhost;

import dev.pipglr.setup.podman.Podman;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;

/** A real podman answering as an older one would, for the paths the wizard takes only there. */
public final class OlderPodman {

    private OlderPodman() {}

    /** The same podman, answering as one whose API does not hand secret values out (no showsecret). */
    public static Podman withoutSecretValues(Podman podman) {
        return (Podman) Proxy.newProxyInstance(
                Podman.class.getClassLoader(), new Class<?>[] {Podman.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("secretValue")) {
                        return Optional.empty();
                    }
                    try {
                        return method.invoke(podman, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
