/**
 * Runtime pieces every service shares: JVM-wide settings applied before Spring starts
 * ({@link dev.streamlog.support.runtime.CommonPool}) and tasks that run periodically for the application's life
 * ({@link dev.streamlog.support.runtime.PeriodicTask}).
 */
package dev.streamlog.support.runtime;
