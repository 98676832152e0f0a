/**
 * Photos of visits, sized for the field before they go up
 * ({@link cn.ankang.client.photo.PhotoScaler}) and uploaded in resumable pieces (tus 1.0
 * core) so that a link that drops every few seconds still gets a photo through.
 */
package cn.ankang.client.photo;
