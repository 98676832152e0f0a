package cn.ankang.bangfu.shared.errors;

import java.util.Locale;

import graphql.GraphQLContext;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The message of a mutation's user error, in the language of the request.
 */
@Controller
class UserErrorController {

	private final Messages messages;

	UserErrorController(Messages messages) {
		this.messages = messages;
	}

	@SchemaMapping(typeName = "UserError")
	String message(UserError error, GraphQLContext context) {
		Locale locale = context.getOrDefault(Messages.LOCALE, Locale.CHINESE);
		if (error.chinese() != null && locale.getLanguage().equals(Locale.CHINESE.getLanguage())) {
			return error.chinese();
		}
		return this.messages.localize(locale, error.code(), error.field(), error.message());
	}

}
