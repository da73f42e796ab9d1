/** JVM-wide settings every service applies before Spring starts ({@link dev.streamlog.support.runtime.CommonPool}). */
package dev.streamlog.support.runtime;
