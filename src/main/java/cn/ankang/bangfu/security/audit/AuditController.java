package cn.ankang.bangfu.security.audit;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL field of the audit trail, beside the trail it reads, so that the service's
 * reading stays with this package.
 */
@Controller
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@QueryMapping
	Connection<AuditEvent> auditEvents(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument AuditService.@Nullable AuditEventFilter filter, DataFetchingFieldSelectionSet selection) {
		return this.audit.events((filter != null) ? filter : AuditService.AuditEventFilter.NONE,
				PageRequest.of(first, after), selection.contains("totalCount"));
	}

}
