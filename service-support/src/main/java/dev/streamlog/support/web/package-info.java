/**
 * Web parts shared by every service: JSON error pages ({@link dev.streamlog.support.web.JsonErrorPages}) and answers
 * written straight from a future ({@link dev.streamlog.support.web.AsyncAnswers}).
 */
package dev.streamlog.support.web;
