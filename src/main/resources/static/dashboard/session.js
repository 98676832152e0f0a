// Signing in for the pages served beside the dashboard, as the dashboard does it: the
// tokens live in memory only (closing or leaving the tab signs out), the access token is
// renewed through refreshSession a minute before it runs out, and a refusal of the
// session (expired, revoked, reused refresh token) signs the page out and says why.
'use strict';

const session = (() => {
  const tokens = { access: null, refresh: null, refreshAt: 0 };
  const listeners = { signedOut: [] };
  let refreshing = null;

  // A failure of a request, with the server's code when it gave one (UNAUTHENTICATED…)
  // and a message for people, in Chinese.
  class RequestError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code || null;
    }
  }

  async function post(query, variables, anonymous) {
    const headers = { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' };
    if (tokens.access && !anonymous) {
      headers.Authorization = 'Bearer ' + tokens.access;
    }
    let response;
    try {
      response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (e) {
      throw new RequestError('无法连接服务器，请检查网络后重试。', 'NETWORK');
    }
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new RequestError('服务器返回了无法识别的应答（HTTP ' + response.status + '）。', 'BAD_RESPONSE');
    }
    if (body.errors && body.errors.length) {
      const error = body.errors[0];
      throw new RequestError(error.message, error.extensions && error.extensions.code);
    }
    return body.data;
  }

  function keep(issued) {
    tokens.access = issued.accessToken;
    tokens.refresh = issued.refreshToken;
    tokens.refreshAt = new Date(issued.accessTokenExpiresAt).getTime() - 60000;
  }

  function forget(reason) {
    const had = tokens.access !== null;
    tokens.access = null;
    tokens.refresh = null;
    if (had) {
      listeners.signedOut.forEach((listener) => listener(reason));
    }
  }

  // without the access token, which the server would refuse once expired; a network
  // failure keeps the tokens, so that the next request tries again
  async function refresh() {
    const data = await post(`mutation($input: RefreshSessionInput!) { refreshSession(input: $input) {
        tokens { accessToken accessTokenExpiresAt refreshToken } userErrors { message } } }`,
      { input: { refreshToken: tokens.refresh } }, true);
    if (!data.refreshSession.tokens) {
      const reason = data.refreshSession.userErrors[0].message;
      forget(reason);
      throw new RequestError(reason, 'UNAUTHENTICATED');
    }
    keep(data.refreshSession.tokens);
  }

  // one refresh at a time: a refresh token is spent on use, and presenting it twice
  // would end the session as stolen
  function refreshOnce() {
    if (!refreshing) {
      refreshing = refresh().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  return {
    RequestError,

    /** Whether a user is signed in on this page. */
    signedIn() {
      return tokens.access !== null;
    },

    /** The access token, renewed first when it is about to run out: for downloads and uploads. */
    async accessToken() {
      if (tokens.access && tokens.refresh && Date.now() > tokens.refreshAt) {
        await refreshOnce();
      }
      return tokens.access;
    },

    /** Runs a document as the signed-in user; a refused session signs the page out. */
    async graphql(query, variables) {
      if (tokens.access && tokens.refresh && Date.now() > tokens.refreshAt) {
        await refreshOnce();
      }
      try {
        return await post(query, variables);
      } catch (e) {
        if (e.code === 'UNAUTHENTICATED') {
          forget(e.message);
        }
        throw e;
      }
    },

    /** Signs in; answers the user's display name, or throws with the reason. */
    async signIn(username, password, deviceName) {
      const data = await post(`mutation($input: LoginInput!) { login(input: $input) {
          tokens { accessToken accessTokenExpiresAt refreshToken } user { displayName } userErrors { message } } }`,
        { input: { username, password, deviceName } });
      if (!data.login.tokens) {
        throw new RequestError(data.login.userErrors[0].message, 'INVALID_CREDENTIALS');
      }
      keep(data.login.tokens);
      return data.login.user.displayName;
    },

    /** Ends the session on the server too, when it can. */
    async signOut() {
      if (tokens.access) {
        try {
          await post('mutation { logout { session { id } } }');
        } catch (e) {
          // signed out here either way
        }
      }
      // no reason: the user chose to leave
      forget(null);
    },

    /**
     * Called whenever the page loses its session: with the reason, in Chinese, when the
     * server refused it, with null when the user signed out.
     */
    onSignedOut(listener) {
      listeners.signedOut.push(listener);
    }
  };
})();
