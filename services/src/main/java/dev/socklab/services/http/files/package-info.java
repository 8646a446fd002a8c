/**
 * The http service's static files ({@code --http-root}) and uploads ({@code --http-upload}): one
 * {@link dev.socklab.services.http.Route}, {@link dev.socklab.services.http.files.StaticFiles}, and
 * the small parts it is made of, each with one rule: how a path is decoded ({@code RequestPath}),
 * how it is found without leaving the root (the storage's {@code FileRoot}, as for tftp and ftp), ranges ({@code RangeRequest}), validators
 * and conditions ({@code Validators}, {@code EntityTags}), media types
 * ({@code ContentTypes}), the listing ({@code Listing}), and PUT ({@code Upload}).
 */
package dev.socklab.services.http.files;
