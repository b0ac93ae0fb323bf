import { api, session } from '../api.js';
import { h } from '../dom.js';

export function loginPage(view, { showError, onLogin }) {
  // A stale token must not ride along with the login request (an expired one would be answered 401 first).
  session.clear();
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, 'Log in · 로그인');
  const form = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        try {
          const result = await api('/api/auth/login', {
            method: 'POST',
            body: { username: username.value, password: password.value },
          });
          session.save(result.token, result.user);
          onLogin();
        } catch (error) {
          showError(error.message);
          password.value = '';
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', {}, 'User name', username),
    h('label', {}, 'Password', password),
    submit,
  );
  view.append(h('section', { class: 'card login' }, h('h1', {}, 'Staff login'), form));
}
