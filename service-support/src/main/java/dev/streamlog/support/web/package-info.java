/** JSON error pages shared by every service ({@link dev.streamlog.support.web.JsonErrorPages}). */
package dev.streamlog.support.web;
