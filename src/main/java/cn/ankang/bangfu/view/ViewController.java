package cn.ankang.bangfu.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;

import cn.ankang.bangfu.figure.FigureAnswers;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.LiveSessions;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.errors.Messages;
import cn.ankang.bangfu.shared.relay.NodeLoader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * The saved views of {@code schema/view.graphqls}.
 */
@Controller
class ViewController {

	private final ViewService views;

	private final LiveViews live;

	private final LiveSessions sessions;

	ViewController(ViewService views, LiveViews live, LiveSessions sessions) {
		this.views = views;
		this.live = live;
		this.sessions = sessions;
	}

	@QueryMapping
	List<CodeLabel> codeLabels(@Argument List<String> kinds) {
		List<CodeLabel> labels = new java.util.ArrayList<>();
		for (String kind : new java.util.LinkedHashSet<>(kinds)) {
			Map<String, String> names;
			try {
				names = Labels.of(kind);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalidArgument("There are no names of '%s' codes.".formatted(kind));
			}
			names.forEach((code, name) -> labels.add(new CodeLabel(kind, code, name)));
		}
		return labels;
	}

	/**
	 * A code and its Chinese name.
	 *
	 * @param kind the kind of code
	 * @param code the code
	 * @param name its name for people
	 */
	record CodeLabel(String kind, String code, String name) {
	}

	@QueryMapping
	List<SavedView> savedViews() {
		return this.views.visible();
	}

	@QueryMapping
	ViewService.Run runSavedView(@Argument String id, @Argument @Nullable Map<String, Object> variables,
			GraphQLContext context) {
		return this.views.run(id, variables, locale(context), AuditTrail.of(context),
				Boolean.TRUE.equals(context.get(FigureAnswers.FRESH)));
	}

	@SubscriptionMapping
	Flux<ViewService.Run> savedViewUpdates(@Argument String id, @Argument @Nullable Map<String, Object> variables,
			GraphQLContext context) {
		return this.live.updates(this.sessions.capture(context), id, variables, locale(context));
	}

	@SchemaMapping(typeName = "SavedViewRun")
	ViewTable table(ViewService.Run run) {
		return this.views.table(run);
	}

	@MutationMapping
	ViewService.SavePayload saveView(@Argument ViewService.SaveViewInput input, GraphQLContext context) {
		ViewService.SavePayload payload = this.views.save(input, locale(context), AuditTrail.of(context));
		if (payload.view() != null) {
			AuditTrail.of(context).target(payload.view().id());
		}
		return payload;
	}

	@MutationMapping
	ViewService.DeletePayload deleteView(@Argument String id, GraphQLContext context) {
		ViewService.DeletePayload payload = this.views.delete(id);
		if (payload.deletedViewId() != null) {
			AuditTrail.of(context).target(payload.deletedViewId());
		}
		return payload;
	}

	private static Locale locale(GraphQLContext context) {
		return context.getOrDefault(Messages.LOCALE, Locale.CHINESE);
	}

	@Configuration(proxyBeanMethods = false)
	static class SavedViewNodes {

		@Bean
		NodeLoader savedViewNodes(ViewService views) {
			return NodeLoader.numeric(SavedView.TYPE, views::visible);
		}

	}

}
