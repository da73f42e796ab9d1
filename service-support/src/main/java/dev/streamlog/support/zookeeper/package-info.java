/** Where the platform's znodes live: the {@code streamlog.zookeeper.chroot} namespace every service uses. */
package dev.streamlog.support.zookeeper;
