import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import { Text, View } from './html';

describe('H5 View and Text', () => {
  it('renders a View as a div that keeps its role, aria, id, data and clicks, and takes `tabindex` as written for Taro', () => {
    const onClick = jest.fn();
    render(
      <View
        id='go'
        className='card'
        role='button'
        tabindex={0}
        aria-describedby='hint'
        data-testid='go'
        hoverClass='pressed'
        onClick={onClick}
      >
        我要反映
      </View>,
    );
    const view = screen.getByTestId('go');
    expect(view.tagName).toBe('DIV');
    expect(view.className).toBe('card');
    expect(view.getAttribute('role')).toBe('button');
    expect(view.getAttribute('tabindex')).toBe('0');
    expect(view.getAttribute('aria-describedby')).toBe('hint');
    expect(view.id).toBe('go');
    // Taro-only props stay off the DOM.
    expect(view.hasAttribute('hoverclass')).toBe(false);
    fireEvent.click(view);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('renders a Text as a span, unselectable unless `selectable`', () => {
    render(
      <View>
        <Text className='h1' data-testid='name'>
          东山村
        </Text>
        <Text className='password' data-testid='password' selectable>
          qx8kgaykhw9qvr
        </Text>
      </View>,
    );
    const name = screen.getByTestId('name');
    expect(name.tagName).toBe('SPAN');
    expect(name.className).toBe('taro-text h1');
    expect(screen.getByTestId('password').className).toBe('taro-text taro-text--selectable password');
    expect(screen.getByTestId('password').hasAttribute('selectable')).toBe(false);
  });
});
