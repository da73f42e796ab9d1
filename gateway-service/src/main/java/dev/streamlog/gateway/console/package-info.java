/**
 * The web console on {@code /ui}: static files ({@code classpath:/ui/}: index.html, console.js, console.css) that
 * read the gateway's public API from the browser, served by {@link ConsoleConfiguration}.
 */
package dev.streamlog.gateway.console;
