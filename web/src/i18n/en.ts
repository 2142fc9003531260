import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  app: {
    name: 'Sanxiang',
    fullName: 'Sanxiang · Three Systems of Administrative Enforcement',
    tagline: 'Enforcement publicity · Full-process recording · Legal review of major decisions',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  login: {
    pageTitle: 'Log in',
    heading: 'Log in',
    username: 'Username',
    usernameRequired: 'Enter your username',
    password: 'Password',
    passwordRequired: 'Enter your password',
    submit: 'Log in',
    failed: 'Login failed',
  },
  shell: {
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    logout: 'Log out',
    logoutFailed: 'Logout failed',
    myRoles: 'My roles',
  },
  nav: {
    dashboard: 'Dashboard',
    agencies: 'Agencies',
    users: 'Users',
    officers: 'Officers',
  },
  dashboard: {
    greeting: 'Hello, {{name}}',
    intro: 'Welcome to the enforcement platform. These are your roles in each agency.',
    rolesTitle: 'My roles and agencies',
    noRoles: 'Your account has no roles yet; ask your agency administrator.',
    inUnit: 'Unit: {{unit}}',
    wholeAgency: 'Agency-wide',
  },
  placeholder: {
    title: 'Under construction',
    subtitle: '“{{page}}” is being built.',
    backHome: 'Back to dashboard',
  },
  forbidden: {
    title: 'Access denied',
    subtitle: 'Your roles do not give access to this page.',
  },
  notFound: {
    pageTitle: 'Page not found',
    title: '404',
    subtitle: 'Sorry, the page you visited does not exist.',
    backHome: 'Back to dashboard',
  },
  error: {
    pageTitle: 'Error',
    title: 'Something went wrong',
    loadFailed: 'The page failed to load, possibly because the system was updated. Reload the page.',
    unknown: 'An unknown error occurred.',
    reload: 'Reload page',
    retry: 'Try again',
    backHome: 'Back to dashboard',
  },
};
