package cn.ankang.bangfu.history;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.geo.County;
import cn.ankang.bangfu.geo.GeoService;
import cn.ankang.bangfu.geo.Town;
import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.shared.errors.UserError;
import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.stereotype.Component;

/**
 * Where a new record lies, as its input names it: a county by code ({@code countyCode}),
 * optionally a town of that county by code ({@code townCode}) and a village of that town
 * by global id ({@code villageId}). Projects and the bodies that drive households are
 * placed this way.
 */
@Component
public class RecordPlaces {

	private final GeoService geo;

	RecordPlaces(GeoService geo) {
		this.geo = geo;
	}

	/**
	 * The record's place, or why the input names none: a county, town or village that
	 * does not exist, a town of another county, a village outside the town named (or with
	 * no town named).
	 * @param villageOutsideTown the refusal for that last case, in the record's own words
	 */
	public Outcome<Located> locate(String countyCode, @Nullable String townCode, @Nullable String villageId,
			UserError villageOutsideTown) {
		Optional<County> county = this.geo.county(countyCode);
		if (county.isEmpty()) {
			return Outcome.refused(null, Refusals.notFound("county", "县区", "countyCode"));
		}
		Place place = this.geo.placeOfCounty(county.get().key()).orElseThrow();
		Long town = null;
		Long village = null;
		if (townCode != null) {
			Optional<Town> found = this.geo.town(townCode);
			if (found.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("town", "镇", "townCode"));
			}
			if (found.get().countyKey() != county.get().key()) {
				return Outcome.refused(null,
						Refusals.invalid("The town lies in another county.", "该镇不在所填县区。", "townCode"));
			}
			town = found.get().key();
			place = this.geo.placeOfTown(town).orElseThrow();
		}
		if (villageId != null) {
			Optional<Place> found = GlobalId.numericKeyOf(villageId, "Village").flatMap(this.geo::placeOfVillage);
			if (found.isEmpty()) {
				return Outcome.refused(null, Refusals.notFound("village", "村", "villageId"));
			}
			if (town == null || !town.equals(found.get().townKey())) {
				return Outcome.refused(null, villageOutsideTown);
			}
			village = found.get().villageKey();
			place = found.get();
		}
		return Outcome.done(new Located(county.get().key(), town, village, place));
	}

	/**
	 * Where a record lies: its county, town and village keys (the last two when named)
	 * and the place for jurisdiction checks.
	 */
	public record Located(long county, @Nullable Long town, @Nullable Long village, Place place) {
	}

}
