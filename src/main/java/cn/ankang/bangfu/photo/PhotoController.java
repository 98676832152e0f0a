package cn.ankang.bangfu.photo;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL side of photos ({@code schema/photo.graphqls}): asking for an upload slot.
 */
@Controller
class PhotoController {

	private final PhotoService photos;

	PhotoController(PhotoService photos) {
		this.photos = photos;
	}

	@MutationMapping
	PhotoService.RequestUploadPayload requestPhotoUpload(@Argument PhotoService.RequestUploadInput input) {
		return this.photos.requestUpload(input);
	}

}
