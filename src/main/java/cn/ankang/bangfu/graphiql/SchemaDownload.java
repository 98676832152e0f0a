package cn.ankang.bangfu.graphiql;

import java.util.concurrent.TimeUnit;

import graphql.schema.idl.SchemaPrinter;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.SchemaAccess;

import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The schema the service runs, as SDL, at {@code GET /graphql/schema}: for code
 * generators and reviewers, descriptions and directives included. It is what
 * introspection answers, so the same users may read it ({@link SchemaAccess}: anyone in
 * the demo run, else developers and admins). Printed once: the schema does not change
 * while the service runs, and Spring's own printer prints it anew for each request.
 */
@RestController
class SchemaDownload {

	private final GraphQlSource source;

	private final SchemaAccess access;

	private volatile @Nullable String printed;

	SchemaDownload(GraphQlSource source, SchemaAccess access) {
		this.source = source;
		this.access = access;
	}

	@GetMapping(path = "/graphql/schema", produces = "text/plain;charset=UTF-8")
	ResponseEntity<String> schema() {
		this.access.require();
		String sdl = this.printed;
		if (sdl == null) {
			sdl = new SchemaPrinter().print(this.source.schema());
			this.printed = sdl;
		}
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS).cachePrivate()).body(sdl);
	}

}
