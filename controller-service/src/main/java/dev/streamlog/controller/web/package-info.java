/**
 * HTTP error mapping: every 4xx and 5xx answer is an {@link dev.streamlog.model.ErrorResponse}
 * ({@code {"error_code":N,"message":"..."}}), whether it comes from a handler, from Spring MVC
 * (unknown route, wrong method or media type, unreadable body) or from the servlet container.
 */
package dev.streamlog.controller.web;
