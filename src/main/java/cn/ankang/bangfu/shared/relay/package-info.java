/**
 * Relay's global ids, keyset paging and connections, batched child pages, node lookup.
 */
@NamedInterface("relay")
@NullMarked
package cn.ankang.bangfu.shared.relay;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
