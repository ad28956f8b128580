package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Field;
import java.util.Objects;

/**
 * Weld's translator of build compatible extensions keeps the BeanManager of the last deployment it ran for in a
 * static field ({@code BuildServicesImpl.ANN_FACTORY_IMPL_INSTANCE}) and never clears it. Open Liberty runs that
 * translator for every application that carries a build compatible extension, so for ours too (it is skipped where
 * {@link OjsExtension} runs, but the translator still starts): that field alone kept the last undeployed
 * application, its class loader and every class of it, alive until another such application was deployed.
 * Clearing it at shutdown is safe: Weld falls back to {@code CDI.current()} when it is empty, and sets it again for
 * the next deployment.
 */
final class WeldLiteStatic {

    private static final System.Logger LOG = System.getLogger(WeldLiteStatic.class.getName());
    private static final String HOLDER = "org.jboss.weld.lite.extension.translator.BuildServicesImpl";

    private WeldLiteStatic() {
    }

    /** Empties the field if it still refers to {@code manager}'s deployment; any other value is left alone. */
    static void release(BeanManager manager) {
        try {
            Class<?> holder = Class.forName(HOLDER, false, manager.getClass().getClassLoader());
            Field instance = holder.getDeclaredField("ANN_FACTORY_IMPL_INSTANCE");
            instance.setAccessible(true);
            Object factory = instance.get(null);
            if (factory == null) {
                return;
            }
            Field bm = factory.getClass().getDeclaredField("bm");
            bm.setAccessible(true);
            Object held = bm.get(factory);
            // one deployment has several bean managers (one per bean archive) but a single context id
            if (held != null && Objects.equals(contextId(held), contextId(manager))) {
                instance.set(null, null);
            }
        } catch (ClassNotFoundException e) {
            // not Weld, or Weld without the translator: nothing is kept
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Weld's build compatible extension translator changed; its static "
                    + "BeanManager reference was not cleared", e);
        }
    }

    /** Weld's own BeanManagerImpl behind a BeanManagerProxy knows the id of the container (deployment) it serves. */
    private static Object contextId(Object manager) throws ReflectiveOperationException {
        Object impl = manager;
        try {
            impl = manager.getClass().getMethod("delegate").invoke(manager);
        } catch (NoSuchMethodException notAProxy) {
            // already Weld's BeanManagerImpl
        }
        return impl.getClass().getMethod("getContextId").invoke(impl);
    }
}
