package dev.streamlog.storage.log.io;

import net.openhft.chronicle.core.io.AbstractReferenceCounted;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a Chronicle mapping unreleased: every mapping has one owner, and
 * that owner must close it. Use with {@code @ExtendWith(MappingLeakCheck.class)}.
 */
public final class MappingLeakCheck implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        AbstractReferenceCounted.enableReferenceTracing();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            AbstractReferenceCounted.assertReferencesReleased();
        } finally {
            AbstractReferenceCounted.disableReferenceTracing();
        }
    }
}
