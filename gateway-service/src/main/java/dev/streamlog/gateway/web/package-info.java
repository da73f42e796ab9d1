/**
 * HTTP plumbing shared by every route: the request body cap, the error model (every 4xx and 5xx answer is an
 * {@link dev.streamlog.model.ErrorResponse}, whether it comes from a handler, from Spring MVC or from Tomcat), the
 * Tomcat hardening against hostile paths, and the asynchronous request timeout.
 */
package dev.streamlog.gateway.web;
