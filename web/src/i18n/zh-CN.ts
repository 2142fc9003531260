/**
 * Chinese texts of the web app: the reference language. Its shape is the type every other
 * language must match, so a key missing in a translation fails to compile.
 */
export const zhCN = {
  app: {
    name: '三项',
    fullName: '三项 · 行政执法三项制度平台',
    tagline: '行政执法公示 · 执法全过程记录 · 重大执法决定法制审核',
    loading: '正在加载…',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'English',
  },
  login: {
    pageTitle: '登录',
    heading: '登录',
    username: '用户名',
    usernameRequired: '请输入用户名',
    password: '密码',
    passwordRequired: '请输入密码',
    submit: '登录',
    failed: '登录失败',
  },
  shell: {
    openMenu: '打开菜单',
    closeMenu: '关闭菜单',
    logout: '退出登录',
    logoutFailed: '退出登录失败',
    myRoles: '我的角色',
  },
  nav: {
    dashboard: '工作台',
    agencies: '机构管理',
    users: '用户管理',
    officers: '执法人员',
  },
  dashboard: {
    greeting: '{{name}}，您好',
    intro: '欢迎使用行政执法三项制度平台。以下是您在各机构中的角色。',
    rolesTitle: '我的角色与机构',
    noRoles: '您的账号尚未分配任何角色，请联系机构管理员。',
    inUnit: '内设机构：{{unit}}',
    wholeAgency: '全机构范围',
  },
  placeholder: {
    title: '建设中',
    subtitle: '“{{page}}”功能正在建设中，敬请期待。',
    backHome: '返回工作台',
  },
  forbidden: {
    title: '无权访问',
    subtitle: '您的角色无权访问此页面。',
  },
  notFound: {
    pageTitle: '页面不存在',
    title: '404',
    subtitle: '抱歉，您访问的页面不存在。',
    backHome: '返回工作台',
  },
  error: {
    pageTitle: '出错了',
    title: '页面出错了',
    loadFailed: '页面加载失败，可能是系统已更新，请刷新页面重试。',
    unknown: '发生了未知错误。',
    reload: '刷新页面',
    retry: '重试',
    backHome: '返回工作台',
  },
};

/** Every language provides the same keys, each a string. */
export type Messages = DeepStrings<typeof zhCN>;

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
