package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Where the uploaded files are kept: each under its import's id, from its upload until
 * the import is committed or given up.
 */
@Component
class ImportUploads {

	private static final Logger log = LoggerFactory.getLogger(ImportUploads.class);

	private final ImportProperties properties;

	ImportUploads(ImportProperties properties) {
		this.properties = properties;
	}

	/** The checked file's path, while it is kept. */
	Path path(UUID id) {
		return this.properties.directory().resolve(id.toString());
	}

	void delete(UUID id) {
		try {
			Files.deleteIfExists(path(id));
		}
		catch (IOException ex) {
			log.warn("Could not delete the file of import {}: {}", id, ex.getMessage());
		}
	}

}
