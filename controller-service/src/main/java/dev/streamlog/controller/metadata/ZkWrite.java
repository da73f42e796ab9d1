package dev.streamlog.controller.metadata;

import java.nio.charset.StandardCharsets;

/**
 * One ZooKeeper operation a command wants persisted; paths are relative to the chroot, data is
 * UTF-8 text (JSON, a number, or empty for parent znodes). The persister turns a list of them
 * into a transaction that also checks the controller epoch. Immutable.
 */
public sealed interface ZkWrite {

    /** The expected version that matches any version. */
    int ANY_VERSION = -1;

    /** Rough byte size of the operation in a transaction, for splitting large write lists. */
    int OVERHEAD_BYTES = 64;

    /** The znode this operation acts on. */
    String path();

    /** An estimate of the operation's serialized size, path and data included. */
    default int estimatedSize() {
        return OVERHEAD_BYTES + path().length();
    }

    /** Creates a persistent znode with the given data. */
    record Create(String path, String data) implements ZkWrite {
        public Create {
            data = data == null ? "" : data;
        }

        @Override
        public int estimatedSize() {
            return OVERHEAD_BYTES + path.length() + data.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Replaces a znode's data if its version is {@code expectedVersion} (or any, with {@link #ANY_VERSION}). */
    record SetData(String path, String data, int expectedVersion) implements ZkWrite {
        @Override
        public int estimatedSize() {
            return OVERHEAD_BYTES + path.length() + data.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Deletes a znode if its version is {@code expectedVersion} (or any, with {@link #ANY_VERSION}). */
    record Delete(String path, int expectedVersion) implements ZkWrite {
    }

    /** Fails the transaction unless the znode's version is {@code expectedVersion}. */
    record Check(String path, int expectedVersion) implements ZkWrite {
    }
}
