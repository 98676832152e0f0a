package cn.ankang.bangfu.village;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * A lawyer posted to a village or community as its legal adviser (村(社区)法律顾问).
 *
 * @param key database key
 * @param villageKey the village's key
 * @param adviserName the adviser's name
 * @param lawFirm the law firm the adviser works for
 * @param startedOn first day
 * @param endedOn last day, null while the posting lasts
 * @param version raised by every change
 */
record LegalAdviserPosting(long key, long villageKey, String adviserName, String lawFirm, LocalDate startedOn,
		@Nullable LocalDate endedOn, int version) {

	public String id() {
		return GlobalId.of("LegalAdviserPosting", this.key);
	}

	/** Whether the posting is in force on the day. */
	boolean inForceOn(LocalDate day) {
		return !this.startedOn.isAfter(day) && (this.endedOn == null || !this.endedOn.isBefore(day));
	}

}
