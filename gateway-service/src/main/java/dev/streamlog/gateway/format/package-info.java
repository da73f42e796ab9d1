/**
 * The public API's embedded formats (binary, json, text): choosing one from {@code Content-Type} or
 * {@code Accept}, reading produce bodies into bytes and rendering stored records back.
 */
package dev.streamlog.gateway.format;
